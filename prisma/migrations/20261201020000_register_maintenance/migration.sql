-- CreateTable
CREATE TABLE "move_status_reviews" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "remind_at" TIMESTAMPTZ(3) NOT NULL,
    "closes_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "result" JSONB,

    CONSTRAINT "move_status_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_items" (
    "review_id" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "contact_id" UUID NOT NULL,
    "outcome" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by_id" UUID,

    CONSTRAINT "review_items_pkey" PRIMARY KEY ("review_id","unit","contact_id")
);

-- CreateTable
CREATE TABLE "retention_runs" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "cutoff" TIMESTAMPTZ(3) NOT NULL,
    "selected_count" INTEGER NOT NULL DEFAULT 0,
    "deleted_count" INTEGER NOT NULL DEFAULT 0,
    "skipped_count" INTEGER NOT NULL DEFAULT 0,
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "approval_due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "retention_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "retention_candidates" (
    "run_id" TEXT NOT NULL,
    "contact_id" UUID NOT NULL,
    "last_activity_at" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT,

    CONSTRAINT "retention_candidates_pkey" PRIMARY KEY ("run_id","contact_id")
);

-- CreateTable
CREATE TABLE "audit_records" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "actor_id" UUID,
    "details" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_records_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "review_items_contact_id_idx" ON "review_items"("contact_id");

-- CreateIndex
CREATE INDEX "retention_candidates_run_id_outcome_idx" ON "retention_candidates"("run_id", "outcome");

-- CreateIndex
CREATE INDEX "audit_records_kind_created_at_idx" ON "audit_records"("kind", "created_at");

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "move_status_reviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_candidates" ADD CONSTRAINT "retention_candidates_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "retention_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The review list and the retention selection filter on these.
CREATE INDEX "contacts_move_status_idx" ON "contacts"("move_status");
CREATE INDEX "contacts_last_activity_at_newsletter_status_idx" ON "contacts"("last_activity_at", "newsletter_status");

ALTER TABLE "move_status_reviews" ADD CONSTRAINT "move_status_reviews_status_check" CHECK ("status" IN ('open', 'closed'));
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('moved', 'moved-elsewhere', 'not-moving', 'considering', 'unknown', 'unchanged'));
ALTER TABLE "retention_runs" ADD CONSTRAINT "retention_runs_status_check" CHECK ("status" IN ('awaiting-approval', 'deleting', 'completed', 'expired'));
ALTER TABLE "retention_candidates" ADD CONSTRAINT "retention_candidates_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('deleted', 'kept'));
