import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'sync_runs' })
@Index('ix_sync_runs_newest_first', ['queuedAt', 'id'])
@Index('ix_sync_runs_unfinished', ['queuedAt'], { where: `"status" IN ('queued', 'running')` })
@Check('ck_sync_runs_status', `"status" IN ('queued', 'running', 'succeeded', 'partial', 'failed')`)
@Check('ck_sync_runs_direction', `"direction" IN ('feishu_to_wecom', 'wecom_to_feishu', 'two_way')`)
@Check('ck_sync_runs_scope', `"scope" IN ('rules', 'rosters', 'punches')`)
@Check('ck_sync_runs_triggered_by', `"triggered_by" IN ('api', 'schedule', 'event')`)
@Check('ck_sync_runs_finished_after_start', `"finished_at" IS NULL OR "started_at" IS NOT NULL`)
export class SyncRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sync_runs' })
  id!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  direction!: string;

  @Column({ type: 'text' })
  scope!: string;

  @Column({ name: 'dry_run', type: 'boolean', default: false })
  dryRun!: boolean;

  @Column({ name: 'triggered_by', type: 'text' })
  triggeredBy!: string;

  /** What was asked for (group ids, date window), as the API received it. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  params!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'queued_at', type: 'timestamptz', default: () => 'now()' })
  queuedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Which attempt of the run's pg-boss job executes it (see RunQueueOnPgBoss); 0 until a retry. */
  @Column({ type: 'integer', default: 0 })
  attempt!: number;

  /** Scheduled runs: the cron tick they belong to (the tick's job id keeps it to one run cluster-wide). */
  @Column({ name: 'schedule_key', type: 'text', nullable: true })
  scheduleKey!: string | null;
}
