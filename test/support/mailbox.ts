// Reads what reached the SMTP sink (MailDev's REST API), as a person reading the inbox would.
export interface ReceivedEmail {
  id: string;
  subject: string;
  text: string;
  messageId: string;
  to: Array<{ address: string }>;
  date: string;
}

export function createMailbox(inboxUrl: string) {
  async function all(): Promise<ReceivedEmail[]> {
    const response = await fetch(`${inboxUrl}/email`);
    if (!response.ok) throw new Error(`mail inbox answered ${response.status}`);
    return (await response.json()) as ReceivedEmail[];
  }

  const addressedTo = (email: ReceivedEmail, address: string) => email.to.some((to) => to.address === address);

  return {
    all,
    async to(address: string) {
      return (await all()).filter((email) => addressedTo(email, address));
    },
    /** Waits until `count` emails match, then returns them (and fails on timeout). */
    async waitFor(match: (email: ReceivedEmail) => boolean, options: { count?: number; timeoutMs?: number } = {}) {
      const count = options.count ?? 1;
      const deadline = Date.now() + (options.timeoutMs ?? 40_000);
      let found: ReceivedEmail[] = [];
      while (Date.now() < deadline) {
        found = (await all()).filter(match);
        if (found.length >= count) return found;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      throw new Error(`expected ${count} matching email(s), found ${found.length}: ${found.map((e) => e.subject).join(' | ')}`);
    },
    addressedTo,
  };
}
