-- AlterTable
ALTER TABLE "contacts" ADD COLUMN     "newsletter_requested_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "contacts_newsletter_status_newsletter_requested_at_idx" ON "contacts"("newsletter_status", "newsletter_requested_at");
