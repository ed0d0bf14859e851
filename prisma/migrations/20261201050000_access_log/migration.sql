-- CreateTable
CREATE TABLE "access_log" (
    "id" UUID NOT NULL,
    "coordinator_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "access_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "access_log_contact_id_at_idx" ON "access_log"("contact_id", "at");

-- CreateIndex
CREATE INDEX "access_log_coordinator_id_at_idx" ON "access_log"("coordinator_id", "at");

ALTER TABLE "access_log" ADD CONSTRAINT "access_log_action_check" CHECK ("action" IN ('read', 'write', 'export', 'erase'));
