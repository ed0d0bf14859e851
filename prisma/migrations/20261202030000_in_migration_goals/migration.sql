-- CreateTable
CREATE TABLE "in_migration_goals" (
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "people" INTEGER NOT NULL,
    "households" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" UUID NOT NULL,

    CONSTRAINT "in_migration_goals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "in_migration_goal_changes" (
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "old_people" INTEGER,
    "new_people" INTEGER NOT NULL,
    "old_households" INTEGER,
    "new_households" INTEGER,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,
    "changed_by_id" UUID NOT NULL,

    CONSTRAINT "in_migration_goal_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "in_migration_goals_year_scope_key" ON "in_migration_goals"("year", "scope");

-- CreateIndex
CREATE INDEX "in_migration_goal_changes_year_changed_at_idx" ON "in_migration_goal_changes"("year", "changed_at");

-- AddForeignKey
ALTER TABLE "in_migration_goals" ADD CONSTRAINT "in_migration_goals_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "coordinators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "in_migration_goal_changes" ADD CONSTRAINT "in_migration_goal_changes_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "coordinators"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Closed vocabularies and counts (written by hand, see README "Database").
ALTER TABLE "coordinators" DROP CONSTRAINT "coordinators_role_check";
ALTER TABLE "coordinators" ADD CONSTRAINT "coordinators_role_check" CHECK ("role" IN ('coordinator', 'regional', 'admin', 'viewer'));
ALTER TABLE "in_migration_goals" ADD CONSTRAINT "in_migration_goals_scope_check" CHECK ("scope" IN ('berg', 'bracke', 'harjedalen', 'krokom', 'ragunda', 'stromsund', 'are', 'ostersund', 'region'));
ALTER TABLE "in_migration_goals" ADD CONSTRAINT "in_migration_goals_counts_check" CHECK ("people" >= 0 AND ("households" IS NULL OR "households" >= 0));
ALTER TABLE "in_migration_goal_changes" ADD CONSTRAINT "in_migration_goal_changes_scope_check" CHECK ("scope" IN ('berg', 'bracke', 'harjedalen', 'krokom', 'ragunda', 'stromsund', 'are', 'ostersund', 'region'));
