-- An administrator may discard a queued message (the review queue in the web app):
-- its content is removed and the row keeps its hashes, so a copy arriving later is a duplicate.
ALTER TABLE "inbound_emails" DROP CONSTRAINT "inbound_emails_status_check";
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_status_check" CHECK ("status" IN ('logged', 'review', 'discarded'));
