DROP INDEX "tasks_user_created_idx";--> statement-breakpoint
CREATE INDEX "tasks_user_created_id_idx" ON "tasks" USING btree ("user_id","created_at","id");