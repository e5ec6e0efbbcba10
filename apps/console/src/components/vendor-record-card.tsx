import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Descriptions, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { getVendorGroup, type Vendor } from '../api/vendor-groups';

export type { Vendor };

export function useVendorGroup(vendor: Vendor, id: string | null) {
  return useQuery({
    queryKey: ['vendor-group', vendor, id],
    // null: the vendor has no such record any more (a 404 is an answer here, not an error).
    queryFn: () => getVendorGroup(vendor, id!),
    enabled: id !== null,
  });
}

/**
 * One side of a conflict: which vendor, what role it plays, its name and id (as the gateway knows them, then as
 * the vendor reads them now) and the vendor's current record as collapsible JSON.
 */
export function VendorRecordCard({
  vendor,
  id,
  name,
  role,
}: {
  vendor: Vendor;
  id: string | null;
  name: string | null;
  role: ReactNode;
}) {
  const { t } = useTranslation('conflicts');
  const read = useVendorGroup(vendor, id);
  const vendorName = t(`common:vendor.${vendor}`);
  const current = read.data ?? undefined;
  let body: ReactNode = null;
  if (id === null) body = <Typography.Text type="secondary">{t('record.noSide')}</Typography.Text>;
  else if (read.isPending)
    body = (
      <Skeleton active paragraph={{ rows: 1 }} title={false} aria-label={t('record.loading', { vendor: vendorName })} />
    );
  else if (read.error)
    body = (
      <Alert
        type="warning"
        showIcon
        title={t('record.loadFailed', { vendor: vendorName, message: read.error.message })}
      />
    );
  else if (read.data === null)
    body = <Alert type="warning" showIcon title={t('record.notThere', { vendor: vendorName })} />;
  else if (current)
    body = (
      <Collapse
        size="small"
        items={[
          {
            key: 'json',
            label: t('record.json', { vendor: vendorName }),
            children: (
              <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12 }} tabIndex={0}>
                {JSON.stringify(current.record, null, 2)}
              </pre>
            ),
          },
        ]}
      />
    );
  return (
    <Card
      size="small"
      title={
        <span>
          <Tag color={vendor === 'feishu' ? 'blue' : 'green'}>{vendorName}</Tag>
          {role}
        </span>
      }
      style={{ height: '100%' }}
      data-vendor={vendor}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('record.name'), children: current?.name ?? name ?? '—' },
          {
            key: 'id',
            label: t('record.id'),
            children: id === null ? '—' : <Typography.Text copyable={{ text: id }}>{id}</Typography.Text>,
          },
        ]}
        style={{ marginBottom: body ? 12 : 0 }}
      />
      {body}
    </Card>
  );
}
