-- AlterTable
ALTER TABLE "inbound_emails" ADD COLUMN     "duplicate_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "last_duplicate_at" TIMESTAMPTZ(3),
ADD COLUMN     "party_addresses" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "inbound_emails_party_addresses_idx" ON "inbound_emails" USING GIN ("party_addresses");

