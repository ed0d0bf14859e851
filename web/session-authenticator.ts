// Staff signed in to the web app: the session cookie, next to the bearer token in the
// staff authenticators. The browser sends it by itself, so the route table accepts it on
// state-changing routes only where a CSRF token is checked (the app's own form posts).
import type { Authenticator } from '../api/route-table/authenticators.js';
import { unauthorized } from '../api/route-table/authenticators.js';
import type { StaffCaller } from '../api/route-table/caller.js';
import type { Database } from '../platform/database.js';
import { pageContext } from './page-context.js';
import { SESSION_COOKIE, cookieOptions } from './session.js';

export function sessionCookieAuthenticator(db: Database, publicBaseUrl: string): Authenticator<StaffCaller> {
  return {
    securityScheme: { name: 'session', definition: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: "The web app's sign-in session" } },
    sentByBrowser: true,
    async authenticate(req, res) {
      const context = await pageContext(req, res, db, publicBaseUrl);
      if (!context.cookies[SESSION_COOKIE]) return { outcome: 'absent', problem: unauthorized('Sign in to the web app.') };
      if (!context.session) {
        // Expired, signed out or revoked: the browser forgets it.
        res.clearCookie(SESSION_COOKIE, cookieOptions(publicBaseUrl));
        return { outcome: 'rejected', problem: unauthorized('The session has ended; sign in again.') };
      }
      return { outcome: 'authenticated', caller: { kind: 'staff', coordinator: context.session.coordinator } };
    },
  };
}
