-- AlterTable
ALTER TABLE "access_log" ALTER COLUMN "coordinator_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "person_links" (
    "token_hash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "contact_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_links_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "product_secrets" (
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_secrets_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "person_links_contact_id_idx" ON "person_links"("contact_id");

-- AddForeignKey
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Closed vocabulary, as elsewhere: a CHECK, not a Prisma enum.
ALTER TABLE "person_links" ADD CONSTRAINT "person_links_kind_check" CHECK ("kind" IN ('link', 'session'));
