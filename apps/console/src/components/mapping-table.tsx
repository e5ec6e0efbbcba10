import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, Space, Table, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../hooks/use-debounced';
import { listMappings } from '../pages/mapping-api';
import { MAPPING_COLUMNS, type MappingKind, type MappingRow } from '../pages/mapping-file';
import { LoadFailedAlert } from './load-failed-alert';

const SEARCH_DELAY_MS = 300;
/** The gateway's MAX_SEARCH_LENGTH for `?q=`. */
const MAX_SEARCH_LENGTH = 100;

/** One mapping table: searched by id (debounced), paged with the gateway's X-Total-Count. */
export function MappingTable({ kind }: { kind: MappingKind }) {
  const { t } = useTranslation('mappings');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const searchId = useId();
  const headingId = useId();

  // A new search starts at its first page.
  useEffect(() => setPage((previous) => ({ ...previous, current: 1 })), [q]);

  const query = useQuery({
    queryKey: ['mappings', kind, { q, current: page.current, pageSize: page.pageSize }],
    queryFn: () => listMappings(kind, { q, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
    placeholderData: keepPreviousData,
  });

  const { fields } = MAPPING_COLUMNS[kind];
  return (
    <section aria-labelledby={headingId}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} id={headingId} style={{ margin: 0 }}>
          {t(`table.caption.${kind}`)}
        </Typography.Title>
        <Space>
          <label htmlFor={searchId}>{t('search.label')}</label>
          <Input
            id={searchId}
            type="search"
            allowClear
            maxLength={MAX_SEARCH_LENGTH}
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('search.placeholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            style={{ width: 320 }}
          />
        </Space>
      </Space>
      {query.error && (
        <LoadFailedAlert
          title={t('common:error')}
          error={query.error}
          onRetry={() => void query.refetch()}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<MappingRow<MappingKind>>
        aria-labelledby={headingId}
        size="middle"
        rowKey={(row) => (row as unknown as Record<string, string>)[fields.feishu] ?? ''}
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        locale={{ emptyText: q ? t('table.emptySearch', { q }) : t('table.empty') }}
        columns={[
          {
            title: t(`columns.${kind}.feishu`),
            dataIndex: fields.feishu,
          },
          {
            title: t(`columns.${kind}.wecom`),
            dataIndex: fields.wecom,
          },
        ]}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('table.total', { count: total }),
          onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
      />
    </section>
  );
}
