import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Progress, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { LINK_DIRECTIONS, LinkDirectionModal } from '../components/link-direction-modal';
import { canResync, LinkResyncModal } from '../components/link-resync-modal';
import { LinkCheckResult } from '../components/link-check-result';
import { LinkSide } from '../components/link-side';
import { LINK_STATUSES, type LinkStatus, LinkStatusTag } from '../components/link-status-tag';
import { checkLinkInto, checkSource, PAGE_CHECK_LIMIT, useLinkChecks } from './link-check';
import { errorMessages } from './preview-api';
import { LoadFailedAlert } from '../components/load-failed-alert';

type Link = components['schemas']['LinkDto'];
type LinkDirection = components['schemas']['LinkDirection'];

/** GET /api/v1/links: every link at once (the API does not page them; the table does). */
export function useLinks() {
  return useQuery({ queryKey: ['links'], queryFn: async () => unwrap(await api.GET('/api/v1/links')) });
}

/** Whether the link's id, either side's id or either side's name contains the search text. */
function matches(link: Link, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (needle === '') return true;
  return [link.id, link.feishuGroupId, link.feishuGroupName, link.wecomRuleId, link.wecomRuleName].some((value) =>
    value?.toLowerCase().includes(needle),
  );
}

/** The state filter: a stored status, or "drifted" (what a check found; only checked links can match). */
type StateFilter = LinkStatus | 'drifted';

function isStatus(value: string | null): value is StateFilter {
  return value !== null && (value === 'drifted' || (LINK_STATUSES as readonly string[]).includes(value));
}

function displayName(link: Link): string {
  return link.feishuGroupName ?? link.wecomRuleName ?? link.id;
}

function isDirection(value: string | null): value is LinkDirection {
  return value !== null && (LINK_DIRECTIONS as readonly string[]).includes(value);
}

/**
 * Every Feishu group ⇄ WeCom rule link with its state, last sync and last error; filters and search live in the
 * URL (`?q=` is how other pages link to one link), and each row can be re-synced or given another direction.
 */
export function LinksPage() {
  const { t, i18n } = useTranslation('links');
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const stateParam = params.get('state');
  const directionParam = params.get('direction');
  const status = isStatus(stateParam) ? stateParam : undefined;
  const direction = isDirection(directionParam) ? directionParam : undefined;
  const [resyncing, setResyncing] = useState<Link | null>(null);
  const [redirecting, setRedirecting] = useState<Link | null>(null);
  const links = useLinks();
  const queryClient = useQueryClient();
  const [checking, setChecking] = useState<ReadonlySet<string>>(new Set());
  const [checkErrors, setCheckErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [pageCheck, setPageCheck] = useState<{ done: number; total: number } | null>(null);
  const [pagination, setPagination] = useState({ current: 1, pageSize: 20 });

  function setParam(name: string, value: string | undefined) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  const all = useMemo(() => links.data?.items ?? [], [links.data]);
  const checks = useLinkChecks(all);
  const shown = useMemo(
    () =>
      all.filter(
        (link) =>
          matches(link, search) &&
          (status === undefined ||
            (status === 'drifted' ? checks.get(link.id)?.state === 'drifted' : link.status === status)) &&
          (direction === undefined || link.direction === direction),
      ),
    [all, search, status, direction, checks],
  );
  // The links of the table's current page (a filter change may leave the page past the end: antd shows the last).
  const pageCount = Math.max(1, Math.ceil(shown.length / pagination.pageSize));
  const currentPage = Math.min(pagination.current, pageCount);
  const visible = shown.slice((currentPage - 1) * pagination.pageSize, currentPage * pagination.pageSize);
  const checkable = visible.filter((link) => checkSource(link) !== null).slice(0, PAGE_CHECK_LIMIT);

  /** Checks one link, keeping its result (React Query) or why the check could not run (this page). */
  async function check(link: Link) {
    setChecking((current) => new Set(current).add(link.id));
    setCheckErrors((current) => {
      const next = new Map(current);
      next.delete(link.id);
      return next;
    });
    try {
      await checkLinkInto(queryClient, link);
    } catch (error) {
      setCheckErrors((current) => new Map(current).set(link.id, errorMessages(error).join('; ')));
    } finally {
      setChecking((current) => {
        const next = new Set(current);
        next.delete(link.id);
        return next;
      });
    }
  }

  /** Checks the page's links one after the other (at most PAGE_CHECK_LIMIT), showing how far it got. */
  async function checkPage() {
    const batch = checkable;
    setPageCheck({ done: 0, total: batch.length });
    for (const [index, link] of batch.entries()) {
      await check(link);
      setPageCheck({ done: index + 1, total: batch.length });
    }
    setPageCheck(null);
  }
  const filtered = search.trim() !== '' || status !== undefined || direction !== undefined;
  const dateTime = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

  const columns: ColumnsType<Link> = [
    {
      key: 'feishu',
      title: t('column.feishu'),
      render: (_, link) => <LinkSide name={link.feishuGroupName} id={link.feishuGroupId} />,
    },
    {
      key: 'wecom',
      title: t('column.wecom'),
      render: (_, link) => <LinkSide name={link.wecomRuleName} id={link.wecomRuleId} />,
    },
    {
      key: 'direction',
      title: t('column.direction'),
      width: 150,
      render: (_, link) => t(`common:direction.${link.direction}`),
    },
    {
      key: 'status',
      title: t('column.status'),
      width: 120,
      render: (_, link) => <LinkStatusTag status={link.status} />,
    },
    {
      key: 'check',
      title: t('column.check'),
      width: 200,
      render: (_, link) => (
        <Space orientation="vertical" size={2}>
          <LinkCheckResult
            link={link}
            check={checks.get(link.id)}
            checking={checking.has(link.id)}
            dateTime={dateTime}
          />
          {checkErrors.has(link.id) && (
            <Typography.Text type="danger" role="alert" style={{ fontSize: 12 }}>
              {t('check.failed', { message: checkErrors.get(link.id) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'lastSyncedAt',
      title: t('column.lastSyncedAt'),
      width: 150,
      render: (_, link) =>
        link.lastSyncedAt === null ? (
          <Typography.Text type="secondary">{t('never')}</Typography.Text>
        ) : (
          <time dateTime={link.lastSyncedAt}>{dateTime.format(new Date(link.lastSyncedAt))}</time>
        ),
    },
    {
      key: 'lastError',
      title: t('column.lastError'),
      width: 200,
      render: (_, link) =>
        link.lastError === null && link.lastErrorKind === null ? (
          <Typography.Text type="secondary">{t('noError')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={2}>
            {link.lastErrorKind !== null && <Tag color="error">{t(`errorKind.${link.lastErrorKind}`)}</Tag>}
            {link.lastError !== null && (
              <Typography.Paragraph
                type="danger"
                style={{ marginBottom: 0, fontSize: 12 }}
                ellipsis={{ rows: 3, expandable: 'collapsible' }}
              >
                {link.lastError}
              </Typography.Paragraph>
            )}
          </Space>
        ),
    },
    {
      key: 'actions',
      title: t('column.actions'),
      width: 200,
      // Kept in view while the wide table scrolls sideways at laptop widths.
      fixed: 'right',
      render: (_, link) => (
        <Space wrap size={4}>
          <Tooltip title={checkSource(link) === null ? t('check.unavailable') : t('check.tooltip')}>
            <Button
              size="small"
              disabled={checkSource(link) === null || checking.has(link.id) || pageCheck !== null}
              loading={checking.has(link.id)}
              onClick={() => void check(link)}
              aria-label={`${t('check.action')}: ${displayName(link)}`}
            >
              {t('check.action')}
            </Button>
          </Tooltip>
          <Tooltip title={canResync(link) ? undefined : t('resyncUnavailable')}>
            <Button
              size="small"
              type="primary"
              ghost
              disabled={!canResync(link)}
              onClick={() => setResyncing(link)}
              aria-label={`${t('resync')}: ${link.feishuGroupName ?? link.wecomRuleName ?? link.id}`}
            >
              {t('resync')}
            </Button>
          </Tooltip>
          <Button
            size="small"
            onClick={() => setRedirecting(link)}
            aria-label={`${t('changeDirection')}: ${link.feishuGroupName ?? link.wecomRuleName ?? link.id}`}
          >
            {t('changeDirection')}
          </Button>
          {link.status === 'conflict' && <RouterLink to="/conflicts">{t('conflictsLink')}</RouterLink>}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('heading')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      <Space wrap role="search">
        <Input.Search
          aria-label={t('search')}
          placeholder={t('searchPlaceholder')}
          allowClear
          value={search}
          onChange={(event) => setParam('q', event.target.value)}
          style={{ width: 320 }}
        />
        <Select<StateFilter | 'all'>
          aria-label={t('stateFilter')}
          value={status ?? 'all'}
          onChange={(value) => setParam('state', value === 'all' ? undefined : value)}
          style={{ width: 210 }}
          options={[
            { value: 'all', label: t('allStates') },
            ...LINK_STATUSES.map((value) => ({ value, label: t(`status.${value}`) })),
            { value: 'drifted', label: t('check.filterDrifted') },
          ]}
        />
        <Select<LinkDirection | 'all'>
          aria-label={t('directionFilter')}
          value={direction ?? 'all'}
          onChange={(value) => setParam('direction', value === 'all' ? undefined : value)}
          style={{ width: 200 }}
          options={[
            { value: 'all', label: t('allDirections') },
            ...LINK_DIRECTIONS.map((value) => ({ value, label: t(`common:direction.${value}`) })),
          ]}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void links.refetch()} loading={links.isFetching}>
          {t('refresh')}
        </Button>
        <Tooltip title={t('check.pageTooltip', { limit: PAGE_CHECK_LIMIT })}>
          <Button
            icon={<SafetyCertificateOutlined />}
            disabled={checkable.length === 0 || pageCheck !== null}
            loading={pageCheck !== null}
            onClick={() => void checkPage()}
          >
            {t('check.page', { count: checkable.length })}
          </Button>
        </Tooltip>
      </Space>
      {pageCheck !== null && (
        <div role="status" aria-live="polite">
          <Typography.Text>{t('check.pageProgress', { done: pageCheck.done, total: pageCheck.total })}</Typography.Text>
          <Progress
            percent={pageCheck.total === 0 ? 100 : Math.round((pageCheck.done / pageCheck.total) * 100)}
            size="small"
            aria-label={t('check.pageProgressLabel')}
          />
        </div>
      )}
      {status === 'drifted' && <Alert type="info" showIcon title={t('check.filterDriftedHelp')} />}
      {links.error && (
        <LoadFailedAlert title={t('loadFailed')} error={links.error} onRetry={() => void links.refetch()} />
      )}
      <Table<Link>
        aria-label={t('tableLabel')}
        rowKey="id"
        size="middle"
        loading={links.isPending}
        columns={columns}
        dataSource={shown}
        locale={{ emptyText: filtered ? t('emptyFiltered') : t('empty') }}
        pagination={{
          current: currentPage,
          pageSize: pagination.pageSize,
          onChange: (current, pageSize) => setPagination({ current, pageSize }),
          showSizeChanger: true,
          hideOnSinglePage: false,
          showTotal: () =>
            filtered
              ? t('countFiltered', { shown: shown.length, count: all.length })
              : t('count', { count: all.length }),
        }}
        scroll={{ x: 1320 }}
      />
      {resyncing && <LinkResyncModal link={resyncing} onClose={() => setResyncing(null)} />}
      {redirecting && <LinkDirectionModal link={redirecting} onClose={() => setRedirecting(null)} />}
    </Space>
  );
}
