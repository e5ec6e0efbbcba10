import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Button, Flex, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { RunCounts } from '../components/run-counts';
import { RunDuration } from '../components/run-duration';
import { RunProgress } from '../components/run-progress';
import { RunStatusTag } from '../components/run-status-tag';
import { VISUALLY_HIDDEN } from '../components/run-visually-hidden';
import { formatDateTime, isActive, progressOf, type Run, type RunProgressView } from './runs-model';
import { runDetailQuery, runPageQuery, RUNS_PAGE_SIZE } from './runs-queries';
import { LoadFailedAlert } from '../components/load-failed-alert';

/**
 * The runs, newest first, a page of RUNS_PAGE_SIZE at a time (the page number is in the URL). While a run on the
 * page is queued or running the page polls every second, and each running run's detail is polled for its
 * progress (the list itself carries none).
 */
export function RunsPage() {
  const { t, i18n } = useTranslation('runs');
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Math.floor(Number(searchParams.get('page'))) || 1);
  const runs = useQuery({
    ...runPageQuery(RUNS_PAGE_SIZE, (page - 1) * RUNS_PAGE_SIZE),
    placeholderData: keepPreviousData,
  });
  const activeIds = (runs.data?.items ?? []).filter((run) => run.status === 'running').map((run) => run.id);
  const progress = useQueries({
    queries: activeIds.map((runId) => runDetailQuery(runId)),
    combine: (results) =>
      new Map<string, RunProgressView | null>(
        activeIds.map((runId, index) => [runId, progressOf(results[index]?.data)]),
      ),
  });

  const columns: TableColumnsType<Run> = [
    {
      title: t('column.run'),
      dataIndex: 'id',
      render: (id: string) => (
        <Link to={`/runs/${id}`} aria-label={t('open', { id })}>
          <Typography.Text code style={{ color: 'inherit' }}>
            {id.slice(0, 8)}
          </Typography.Text>
        </Link>
      ),
    },
    {
      title: t('column.status'),
      dataIndex: 'status',
      render: (_, run) => (
        <Flex vertical gap={4} align="flex-start">
          <RunStatusTag status={run.status} dryRun={run.dryRun} />
          {run.error && (
            <Typography.Text type="danger" ellipsis={{ tooltip: run.error }} style={{ maxWidth: 200, fontSize: 12 }}>
              {t('runError', { error: run.error })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('column.direction'),
      dataIndex: 'direction',
      render: (direction: Run['direction']) => t(`common:direction.${direction}`),
    },
    { title: t('column.scope'), dataIndex: 'scope', render: (scope: Run['scope']) => t(`common:scope.${scope}`) },
    {
      title: t('column.trigger'),
      dataIndex: 'triggeredBy',
      render: (trigger: Run['triggeredBy']) => t(`trigger.${trigger}`),
    },
    {
      title: t('column.counts'),
      key: 'counts',
      width: 300,
      render: (_, run) =>
        isActive(run.status) ? (
          <RunProgress status={run.status} progress={progress.get(run.id) ?? null} />
        ) : (
          <RunCounts summary={run.summary} />
        ),
    },
    {
      title: t('column.started'),
      key: 'started',
      render: (_, run) =>
        run.startedAt ? (
          <Tooltip title={t('queuedAt', { time: formatDateTime(run.queuedAt, i18n.language) })}>
            <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(run.startedAt, i18n.language)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('queuedAt', { time: formatDateTime(run.queuedAt, i18n.language) })}
          </Typography.Text>
        ),
    },
    {
      title: t('column.duration'),
      key: 'duration',
      render: (_, run) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <RunDuration run={run} />
        </span>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16}>
        <div>
          <Typography.Title level={2} style={{ marginTop: 0 }}>
            {t('heading')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 880 }}>
            {t('intro')}
          </Typography.Paragraph>
        </div>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void runs.refetch()}
          loading={runs.isFetching && !runs.isPending}
        >
          {t('refresh')}
        </Button>
      </Flex>
      {runs.error && <LoadFailedAlert title={t('loadFailed')} error={runs.error} onRetry={() => void runs.refetch()} />}
      <Table<Run>
        rowKey="id"
        columns={columns}
        dataSource={runs.data?.items ?? []}
        loading={runs.isPending || runs.isPlaceholderData}
        caption={<span style={VISUALLY_HIDDEN}>{t('tableLabel')}</span>}
        locale={{
          emptyText: runs.isPending ? t('common:loading') : (runs.data?.total ?? 0) > 0 ? t('pageEmpty') : t('empty'),
        }}
        onRow={(run) => ({
          style: { cursor: 'pointer' },
          onClick: (event) => {
            // The run's own link (or any control in the row) does its own thing.
            if ((event.target as HTMLElement).closest('a, button, [role="button"]')) return;
            void navigate(`/runs/${run.id}`);
          },
        })}
        pagination={{
          current: page,
          pageSize: RUNS_PAGE_SIZE,
          total: runs.data?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: false,
          showTotal: (total) => t('pagination', { total }),
          onChange: (next) => setSearchParams(next > 1 ? { page: String(next) } : {}),
        }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}
