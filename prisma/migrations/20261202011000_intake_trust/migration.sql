-- Issue 12, item 2: a card that shares a phone with another card but has another email
-- is kept apart and marked, for a coordinator to merge or not.
-- AlterTable
ALTER TABLE "contacts" ADD COLUMN     "possible_duplicate_of_id" UUID;

-- CreateIndex
CREATE INDEX "contacts_possible_duplicate_of_id_idx" ON "contacts"("possible_duplicate_of_id");

-- AddForeignKey
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_possible_duplicate_of_id_fkey" FOREIGN KEY ("possible_duplicate_of_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Issue 12, item 9: a campaign whose start fails shows it.
ALTER TABLE "campaigns" DROP CONSTRAINT "campaigns_status_check";
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_status_check" CHECK ("status" IN ('draft', 'sending', 'paused', 'completed', 'cancelled', 'failed'));
