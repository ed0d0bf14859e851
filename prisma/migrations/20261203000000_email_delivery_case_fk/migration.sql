-- Deliveries whose case is gone were left by a mail activity that outlived an erasure.
DELETE FROM "email_deliveries" d WHERE d."case_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "cases" c WHERE c."id" = d."case_id");

-- AddForeignKey
ALTER TABLE "email_deliveries" ADD CONSTRAINT "email_deliveries_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
