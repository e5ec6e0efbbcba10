import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { LINK_DIRECTIONS, LinkDirectionModal } from '../components/link-direction-modal';
import { canResync, LinkResyncModal } from '../components/link-resync-modal';
import { LinkSide } from '../components/link-side';
import { LINK_STATUSES, type LinkStatus, LinkStatusTag } from '../components/link-status-tag';

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

function isStatus(value: string | null): value is LinkStatus {
  return value !== null && (LINK_STATUSES as readonly string[]).includes(value);
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
  const shown = useMemo(
    () =>
      all.filter(
        (link) =>
          matches(link, search) &&
          (status === undefined || link.status === status) &&
          (direction === undefined || link.direction === direction),
      ),
    [all, search, status, direction],
  );
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
      width: 260,
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
      width: 250,
      render: (_, link) => (
        <Space wrap size={4}>
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
        <Select<LinkStatus | 'all'>
          aria-label={t('stateFilter')}
          value={status ?? 'all'}
          onChange={(value) => setParam('state', value === 'all' ? undefined : value)}
          style={{ width: 180 }}
          options={[
            { value: 'all', label: t('allStates') },
            ...LINK_STATUSES.map((value) => ({ value, label: t(`status.${value}`) })),
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
      </Space>
      {links.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('loadFailed', { message: links.error.message })}
          action={
            <Button size="small" onClick={() => void links.refetch()}>
              {t('common:retry')}
            </Button>
          }
        />
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
          defaultPageSize: 20,
          showSizeChanger: true,
          hideOnSinglePage: false,
          showTotal: () =>
            filtered
              ? t('countFiltered', { shown: shown.length, count: all.length })
              : t('count', { count: all.length }),
        }}
        scroll={{ x: 1180 }}
      />
      {resyncing && <LinkResyncModal link={resyncing} onClose={() => setResyncing(null)} />}
      {redirecting && <LinkDirectionModal link={redirecting} onClose={() => setRedirecting(null)} />}
    </Space>
  );
}
