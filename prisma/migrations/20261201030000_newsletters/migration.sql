-- AlterTable
ALTER TABLE "contacts" ADD COLUMN     "newsletter_consent_at" TIMESTAMPTZ(3),
ADD COLUMN     "newsletter_consent_source" TEXT,
ADD COLUMN     "newsletter_token" TEXT;

-- CreateTable
CREATE TABLE "saved_selections" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "filter" JSONB NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "saved_selections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text_sv" TEXT NOT NULL,
    "text_en" TEXT,
    "event_at" TIMESTAMPTZ(3),
    "place" TEXT,
    "filter" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "created_by_id" UUID NOT NULL,
    "started_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_recipients" (
    "campaign_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "rsvp_token" TEXT NOT NULL,
    "rsvp" TEXT,
    "rsvp_at" TIMESTAMPTZ(3),

    CONSTRAINT "campaign_recipients_pkey" PRIMARY KEY ("campaign_id","contact_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "saved_selections_name_key" ON "saved_selections"("name");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_recipients_rsvp_token_key" ON "campaign_recipients"("rsvp_token");

-- CreateIndex
CREATE INDEX "campaign_recipients_campaign_id_status_idx" ON "campaign_recipients"("campaign_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "contacts_newsletter_token_key" ON "contacts"("newsletter_token");

-- AddForeignKey
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;


ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_kind_check" CHECK ("kind" IN ('newsletter', 'invitation'));
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_status_check" CHECK ("status" IN ('draft', 'sending', 'paused', 'completed', 'cancelled'));
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_status_check" CHECK ("status" IN ('pending', 'sent', 'failed', 'skipped'));
ALTER TABLE "campaign_recipients" ADD CONSTRAINT "campaign_recipients_rsvp_check" CHECK ("rsvp" IS NULL OR "rsvp" IN ('yes', 'no'));
