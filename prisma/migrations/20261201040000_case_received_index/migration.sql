-- CreateIndex
CREATE INDEX "cases_received_at_idx" ON "cases"("received_at");

