// Contacts seeded straight into the database with a chosen last activity: what the
// retention selection sorts into kept and selected.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Database } from '../../platform/database.js';

export const fiveYearsAgo = () => DateTime.now().setZone('Europe/Stockholm').minus({ years: 5 });

export function seedContactActiveAt(db: Database, card: { label: string; lastName: string; lastActivityAt: Date; newsletterStatus?: string }) {
  return db.contact.create({
    data: {
      id: randomUUID(),
      firstName: card.label,
      lastName: card.lastName,
      email: `${card.label.toLowerCase()}.${randomUUID().slice(0, 6)}@example.se`,
      preferredContactMethod: 'email',
      consentAt: card.lastActivityAt,
      consentSource: 'test',
      newsletterStatus: card.newsletterStatus ?? 'none',
      lastActivityAt: card.lastActivityAt,
    },
  });
}
