-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "contacts" (
    "id" UUID NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "preferred_contact_method" TEXT NOT NULL,
    "chosen_municipalities" TEXT[],
    "interests" TEXT[],
    "message" TEXT,
    "household_adults" INTEGER,
    "household_children" INTEGER,
    "current_location" TEXT,
    "move_timeframe" TEXT,
    "language" TEXT NOT NULL DEFAULT 'sv',
    "consent_at" TIMESTAMPTZ(3) NOT NULL,
    "consent_source" TEXT NOT NULL,
    "newsletter_status" TEXT NOT NULL DEFAULT 'none',
    "move_status" TEXT NOT NULL DEFAULT 'considering',
    "moved_to_municipality" TEXT,
    "moved_on" DATE,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "contact_id" UUID NOT NULL,
    "source_id" UUID NOT NULL,
    "source_kind" TEXT NOT NULL,
    "responsible_unit" TEXT NOT NULL,
    "chosen_municipalities" TEXT[],
    "interests" TEXT[],
    "message" TEXT,
    "status" TEXT NOT NULL DEFAULT 'awaiting-reply',
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "first_reply_due_at" TIMESTAMPTZ(3) NOT NULL,
    "first_reply_at" TIMESTAMPTZ(3),
    "first_reply_activity_id" UUID,
    "sla_outcome" TEXT NOT NULL DEFAULT 'open',
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "breach_recorded_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "closed_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_transfers" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "from_unit" TEXT NOT NULL,
    "to_unit" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "author_id" UUID NOT NULL,
    "transferred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_transfers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "case_id" UUID,
    "type" TEXT NOT NULL,
    "direction" TEXT,
    "outcome" TEXT,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "summary" TEXT NOT NULL,
    "author_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coordinators" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "token_expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coordinators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "intake_sources" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "municipality" TEXT,
    "key_hash" TEXT NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "intake_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER NOT NULL,
    "response_body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("scope","key")
);

-- CreateTable
CREATE TABLE "email_deliveries" (
    "idempotency_key" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "recipients" TEXT[],
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "case_id" UUID,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_deliveries_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "contacts_email_key" ON "contacts"("email");

-- CreateIndex
CREATE INDEX "contacts_phone_idx" ON "contacts"("phone");

-- CreateIndex
CREATE INDEX "contacts_last_activity_at_idx" ON "contacts"("last_activity_at");

-- CreateIndex
CREATE UNIQUE INDEX "cases_number_key" ON "cases"("number");

-- CreateIndex
CREATE UNIQUE INDEX "cases_workflow_id_key" ON "cases"("workflow_id");

-- CreateIndex
CREATE INDEX "cases_contact_id_idx" ON "cases"("contact_id");

-- CreateIndex
CREATE INDEX "cases_responsible_unit_status_idx" ON "cases"("responsible_unit", "status");

-- CreateIndex
CREATE INDEX "cases_overdue_idx" ON "cases"("overdue");

-- CreateIndex
CREATE INDEX "case_transfers_case_id_idx" ON "case_transfers"("case_id");

-- CreateIndex
CREATE INDEX "activities_contact_id_occurred_at_idx" ON "activities"("contact_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "coordinators_email_key" ON "coordinators"("email");

-- CreateIndex
CREATE UNIQUE INDEX "coordinators_token_hash_key" ON "coordinators"("token_hash");

-- CreateIndex
CREATE INDEX "coordinators_unit_role_idx" ON "coordinators"("unit", "role");

-- CreateIndex
CREATE UNIQUE INDEX "intake_sources_key_hash_key" ON "intake_sources"("key_hash");

-- CreateIndex
CREATE INDEX "email_deliveries_case_id_idx" ON "email_deliveries"("case_id");

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cases" ADD CONSTRAINT "cases_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "intake_sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "coordinators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "coordinators"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Closed vocabularies (Prisma enums cannot hold hyphenated codes).
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_preferred_contact_method_check" CHECK ("preferred_contact_method" IN ('email', 'phone'));
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_preferred_channel_present_check" CHECK (("preferred_contact_method" = 'email' AND "email" IS NOT NULL) OR ("preferred_contact_method" = 'phone' AND "phone" IS NOT NULL));
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_language_check" CHECK ("language" IN ('sv', 'en'));
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_newsletter_status_check" CHECK ("newsletter_status" IN ('none', 'pending', 'subscribed', 'unsubscribed'));
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_move_status_check" CHECK ("move_status" IN ('considering', 'moved', 'moved-elsewhere', 'not-moving', 'unknown'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_status_check" CHECK ("status" IN ('awaiting-reply', 'replied', 'closed'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_sla_outcome_check" CHECK ("sla_outcome" IN ('open', 'met', 'late'));
ALTER TABLE "cases" ADD CONSTRAINT "cases_source_kind_check" CHECK ("source_kind" IN ('tasteget', 'municipality-site', 'manual', 'import'));
ALTER TABLE "activities" ADD CONSTRAINT "activities_type_check" CHECK ("type" IN ('email', 'phone', 'meeting', 'note'));
ALTER TABLE "activities" ADD CONSTRAINT "activities_direction_check" CHECK ("direction" IS NULL OR "direction" IN ('outbound', 'inbound'));
ALTER TABLE "activities" ADD CONSTRAINT "activities_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('reached', 'no-answer'));
ALTER TABLE "coordinators" ADD CONSTRAINT "coordinators_role_check" CHECK ("role" IN ('coordinator', 'regional', 'admin'));
ALTER TABLE "intake_sources" ADD CONSTRAINT "intake_sources_kind_check" CHECK ("kind" IN ('tasteget', 'municipality-site', 'manual', 'import'));
ALTER TABLE "intake_sources" ADD CONSTRAINT "intake_sources_municipality_check" CHECK (("kind" = 'municipality-site') = ("municipality" IS NOT NULL));
