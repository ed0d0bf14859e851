-- CreateTable
CREATE TABLE "inbound_emails" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "message_id" TEXT,
    "fingerprint" TEXT,
    "received_via" TEXT NOT NULL,
    "from_address" TEXT,
    "subject" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "text" TEXT NOT NULL,
    "attachments" JSONB NOT NULL,
    "activity_ids" TEXT[],
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbound_emails_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "inbound_emails_dedupe_key_key" ON "inbound_emails"("dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_emails_fingerprint_key" ON "inbound_emails"("fingerprint");

-- CreateIndex
CREATE INDEX "inbound_emails_status_received_at_idx" ON "inbound_emails"("status", "received_at");


ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_status_check" CHECK ("status" IN ('logged', 'review'));
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_received_via_check" CHECK ("received_via" IN ('smtp', 'http'));
