import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Input,
  Result,
  Segmented,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiRequestError } from '../api/client';
import { RunCounts } from '../components/run-counts';
import { RunDuration } from '../components/run-duration';
import { RunItemDetails } from '../components/run-item-details';
import { RunProgress } from '../components/run-progress';
import { RunRecord } from '../components/run-record';
import { RunStatusTag } from '../components/run-status-tag';
import { VISUALLY_HIDDEN } from '../components/run-visually-hidden';
import {
  ACTION_COLORS,
  ACTIONS,
  formatDateTime,
  isActive,
  type ItemAction,
  type ItemSide,
  itemSides,
  linkNames,
  progressOf,
  type RunDetail,
  type RunItem,
} from './runs-model';
import { linkNamesQuery, runDetailQuery } from './runs-queries';

interface ItemRow {
  readonly key: string;
  readonly item: RunItem;
  readonly source: ItemSide;
  readonly target: ItemSide;
}

type ActionFilter = ItemAction | 'all';

function matches(row: ItemRow, needle: string): boolean {
  if (needle === '') return true;
  return [row.source.id, row.source.name, row.target.id, row.target.name].some((text) =>
    text?.toLowerCase().includes(needle),
  );
}

/**
 * One run: its facts, live progress while it runs, and every item with its source and target (named with their
 * vendor, linking to the links page), action, losses by severity, notes, and error. The action filter and the
 * search are in the URL (?action=failed&q=…), so a filtered view can be shared.
 */
export function RunDetailPage() {
  const { t, i18n } = useTranslation(['runDetail', 'runs']);
  const { runId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const run = useQuery(runDetailQuery(runId));
  // Names of groups and rules, from the links; an item shows its ids alone when they cannot be had.
  const links = useQuery({ ...linkNamesQuery(), enabled: run.data !== undefined && run.data.scope !== 'punches' });
  const names = useMemo(() => (links.data ? linkNames(links.data.items) : undefined), [links.data]);

  const requested = searchParams.get('action');
  const action: ActionFilter = ACTIONS.includes(requested as ItemAction) ? (requested as ItemAction) : 'all';
  const query = searchParams.get('q') ?? '';

  const rows = useMemo<ItemRow[]>(() => {
    const detail = run.data;
    if (!detail) return [];
    return detail.items.map((item, index) => ({
      key: `${index}:${item.sourceId}`,
      item,
      ...itemSides(detail, item, names),
    }));
  }, [run.data, names]);

  function setFilter(name: 'action' | 'q', value: string) {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === '' || value === 'all') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  }

  if (run.isPending) {
    return (
      <Card role="status">
        <span style={VISUALLY_HIDDEN}>{t('common:loading')}</span>
        <Skeleton active />
      </Card>
    );
  }
  if (run.isError) {
    const missing = run.error instanceof ApiRequestError && run.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('notFound') : t('loadFailed')}
        subTitle={missing ? t('notFoundHelp', { id: runId }) : run.error.message}
        extra={
          <Flex gap={8} justify="center">
            {!missing && <Button onClick={() => void run.refetch()}>{t('common:retry')}</Button>}
            <Link to="/runs">{t('back')}</Link>
          </Flex>
        }
      />
    );
  }

  const detail = run.data;
  const needle = query.trim().toLowerCase();
  const shown = rows.filter((row) => (action === 'all' || row.item.action === action) && matches(row, needle));
  const counts = new Map(ACTIONS.map((name) => [name, rows.filter((row) => row.item.action === name).length]));

  const top = () => ({ style: { verticalAlign: 'top' as const } });
  const columns: TableColumnsType<ItemRow> = [
    {
      title: t('column.source'),
      key: 'source',
      onCell: top,
      width: 220,
      render: (_, row) => <RunRecord side={row.source} role="source" />,
    },
    {
      key: 'arrow',
      onCell: top,
      width: 32,
      title: <span style={VISUALLY_HIDDEN}>→</span>,
      render: () => <ArrowRightOutlined aria-hidden style={{ color: '#8c8c8c' }} />,
    },
    {
      title: t('column.target'),
      key: 'target',
      onCell: top,
      width: 220,
      render: (_, row) => <RunRecord side={row.target} role="target" />,
    },
    {
      title: t('column.action'),
      key: 'action',
      onCell: top,
      width: 100,
      render: (_, row) => <Tag color={ACTION_COLORS[row.item.action]}>{t(`common:action.${row.item.action}`)}</Tag>,
    },
    {
      title: t('column.details'),
      key: 'details',
      onCell: top,
      render: (_, row) => <RunItemDetails item={row.item} />,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <div>
        <Link to="/runs">
          <ArrowLeftOutlined aria-hidden /> {t('back')}
        </Link>
      </div>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('heading', { id: detail.id.slice(0, 8) })}
        </Typography.Title>
        <RunStatusTag status={detail.status} dryRun={detail.dryRun} />
      </Flex>
      {detail.error && (
        <Alert
          type={detail.status === 'failed' ? 'error' : 'warning'}
          showIcon
          title={detail.status === 'failed' ? t('runError') : t('runErrorQueued')}
          description={<span style={{ wordBreak: 'break-word' }}>{detail.error}</span>}
        />
      )}
      <Card title={t('facts')} size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={facts(detail)} />
      </Card>
      <Card title={t('items.heading')} size="small">
        <Flex vertical gap={12}>
          <Flex gap={12} wrap align="center">
            <Segmented<ActionFilter>
              aria-label={t('items.filterLabel')}
              value={action}
              onChange={(value) => setFilter('action', value)}
              options={[
                { value: 'all', label: `${t('items.all')} ${rows.length}` },
                ...ACTIONS.map((name) => ({
                  value: name,
                  label: `${t(`common:action.${name}`)} ${counts.get(name) ?? 0}`,
                })),
              ]}
            />
            <Input.Search
              aria-label={t('items.searchLabel')}
              placeholder={t('items.searchPlaceholder')}
              allowClear
              defaultValue={query}
              onChange={(event) => setFilter('q', event.target.value)}
              onSearch={(value) => setFilter('q', value)}
              style={{ width: 280 }}
            />
            <Typography.Text type="secondary" aria-live="polite">
              {t('items.shown', { shown: shown.length, total: rows.length })}
            </Typography.Text>
          </Flex>
          <Table<ItemRow>
            rowKey="key"
            columns={columns}
            dataSource={shown}
            caption={<span style={VISUALLY_HIDDEN}>{t('items.tableLabel')}</span>}
            locale={{
              emptyText:
                rows.length > 0
                  ? t('items.noMatch')
                  : isActive(detail.status)
                    ? t('items.emptyRunning')
                    : t('items.empty'),
            }}
            expandable={
              rows.some((row) => row.item.plan !== undefined)
                ? {
                    rowExpandable: (row) => row.item.plan !== undefined,
                    columnWidth: 150,
                    expandIcon: ({ expanded, expandable, onExpand, record }) =>
                      expandable ? (
                        <Button
                          type="link"
                          size="small"
                          aria-expanded={expanded}
                          style={{ paddingInline: 0 }}
                          onClick={(event) => onExpand(record, event)}
                        >
                          {expanded ? t('plan.collapse') : t('plan.expand')}
                        </Button>
                      ) : null,
                    expandedRowRender: (row) => (
                      <section aria-label={t('plan.heading')}>
                        <Typography.Text strong>{t('plan.heading')}</Typography.Text>
                        <pre style={{ maxHeight: 360, overflow: 'auto', fontSize: 12, margin: '8px 0 0' }}>
                          {JSON.stringify(row.item.plan, null, 2)}
                        </pre>
                      </section>
                    ),
                  }
                : undefined
            }
            pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            size="middle"
          />
        </Flex>
      </Card>
    </Flex>
  );

  function facts(detail: RunDetail): DescriptionsProps['items'] {
    const language = i18n.language;
    const params = detail.params;
    const items: NonNullable<DescriptionsProps['items']> = [
      {
        key: 'id',
        label: t('field.id'),
        children: (
          <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
            {detail.id}
          </Typography.Text>
        ),
      },
      { key: 'direction', label: t('field.direction'), children: t(`common:direction.${detail.direction}`) },
      { key: 'scope', label: t('field.scope'), children: t(`common:scope.${detail.scope}`) },
      { key: 'trigger', label: t('field.trigger'), children: t(`runs:trigger.${detail.triggeredBy}`) },
      { key: 'queuedAt', label: t('field.queuedAt'), children: formatDateTime(detail.queuedAt, language) },
      { key: 'startedAt', label: t('field.startedAt'), children: formatDateTime(detail.startedAt, language) },
      { key: 'finishedAt', label: t('field.finishedAt'), children: formatDateTime(detail.finishedAt, language) },
      { key: 'duration', label: t('field.duration'), children: <RunDuration run={detail} /> },
      isActive(detail.status)
        ? {
            key: 'progress',
            label: t('field.progress'),
            children: <RunProgress status={detail.status} progress={progressOf(detail)} />,
          }
        : { key: 'summary', label: t('field.summary'), children: <RunCounts summary={detail.summary} all /> },
    ];
    if (params.groupIds?.length) {
      // Named when a link knows the group or rule (one-way runs: the ids are the source side's).
      const vendor =
        detail.direction === 'feishu_to_wecom' ? 'feishu' : detail.direction === 'wecom_to_feishu' ? 'wecom' : null;
      const named = params.groupIds.map((id) => {
        const name = vendor ? names?.[vendor].get(id) : undefined;
        return name ? `${name} (${id})` : id;
      });
      items.push({ key: 'groupIds', label: t('field.groupIds'), children: named.join(', ') });
    }
    if (params.userIds?.length) {
      items.push({ key: 'userIds', label: t('field.userIds'), children: params.userIds.join(', ') });
    }
    if (params.from || params.to) {
      items.push({ key: 'dates', label: t('field.dates'), children: `${params.from ?? '…'} – ${params.to ?? '…'}` });
    }
    const effectiveNow = (params as { effectiveNow?: unknown }).effectiveNow;
    if (typeof effectiveNow === 'boolean') {
      items.push({ key: 'effectiveNow', label: t('field.effectiveNow'), children: effectiveNow ? t('yes') : t('no') });
    }
    return items;
  }
}
