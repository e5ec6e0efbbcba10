import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listUnmapped, type UnmappedId } from '../pages/mapping-api';
import { LoadFailedAlert } from './load-failed-alert';

const UNMAPPED_LIMIT = 200;

/**
 * The ids recent runs met but could not carry for want of a mapping, each with the groups it kept out of the
 * sync (to the links page, searched by the group id) and the run that saw it.
 */
export function MappingUnmapped() {
  const { t, i18n } = useTranslation('mappings');
  const headingId = useId();
  const query = useQuery({ queryKey: ['mappings', 'unmapped'], queryFn: () => listUnmapped(UNMAPPED_LIMIT) });

  return (
    <section aria-labelledby={headingId}>
      <Typography.Title level={4} id={headingId} style={{ marginTop: 0 }}>
        {t('unmapped.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('unmapped.help')}</Typography.Paragraph>
      {query.error && (
        <LoadFailedAlert
          title={t('common:error')}
          error={query.error}
          onRetry={() => void query.refetch()}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<UnmappedId>
        aria-labelledby={headingId}
        size="middle"
        rowKey={(row) => `${row.kind}:${row.vendor}:${row.id}`}
        loading={query.isFetching}
        dataSource={query.data ?? []}
        locale={{ emptyText: t('unmapped.empty') }}
        pagination={(query.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          {
            title: t('unmapped.kind'),
            dataIndex: 'kind',
            width: 100,
            render: (kind: UnmappedId['kind']) => t(`unmapped.kindValue.${kind}`),
          },
          {
            title: t('unmapped.vendor'),
            dataIndex: 'vendor',
            width: 120,
            render: (vendor: UnmappedId['vendor']) => t(`common:vendor.${vendor}`),
          },
          {
            title: t('unmapped.id'),
            dataIndex: 'id',
            render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
          },
          {
            title: t('unmapped.groups'),
            key: 'groups',
            render: (_: unknown, row: UnmappedId) => (
              <Space orientation="vertical" size={2}>
                {row.groups.map((group) => (
                  <Space key={`${group.vendor}:${group.id}:${group.runId}`} size="small" wrap>
                    <Link to={`/links?q=${encodeURIComponent(group.id)}`}>
                      {t('unmapped.group', { vendor: t(`common:vendor.${group.vendor}`), id: group.id })}
                    </Link>
                    <Tag>
                      <Link to={`/runs/${encodeURIComponent(group.runId)}`}>
                        {t('unmapped.run')} {group.runId.slice(0, 8)}
                      </Link>
                    </Tag>
                  </Space>
                ))}
              </Space>
            ),
          },
          {
            title: t('unmapped.lastSeen'),
            dataIndex: 'lastSeenAt',
            width: 200,
            render: (at: string) => (
              <time dateTime={at}>{new Date(at).toLocaleString(i18n.language === 'en' ? 'en' : 'zh-CN')}</time>
            ),
          },
        ]}
      />
    </section>
  );
}
