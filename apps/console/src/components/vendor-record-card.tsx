import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Descriptions, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, type ApiError } from '../api/client';
import { apiToken, signOut } from '../auth/api-token';

export type Vendor = 'feishu' | 'wecom';

/** `GET /api/v1/vendors/{vendor}/groups/{id}`: the vendor's current read of a Feishu group or a WeCom rule. */
export interface VendorGroupRecord {
  readonly id: string;
  readonly name: string;
  readonly record: unknown;
}

/** What a read of a vendor record came to: the record, nothing of that id (404), or no such endpoint (yet). */
export type VendorGroupRead =
  | { readonly state: 'found'; readonly group: VendorGroupRecord }
  | { readonly state: 'not_there' }
  | { readonly state: 'unavailable' };

/**
 * The vendor record read, through fetch with the typed client's Authorization header (and its 401 sign-out).
 * TODO(#20): the endpoint is not in this branch's generated client yet; after the merge, swap the fetch for
 * `api.GET('/api/v1/vendors/{vendor}/groups/{id}', …)` and keep the 404 → "not there" reading.
 */
export async function fetchVendorGroup(vendor: Vendor, id: string): Promise<VendorGroupRead> {
  const token = apiToken();
  const response = await fetch(`${window.location.origin}/api/v1/vendors/${vendor}/groups/${encodeURIComponent(id)}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (response.status === 401) signOut();
  const body = (await response.json().catch(() => undefined)) as unknown;
  if (response.status === 404) {
    // Nest's answer for a route it does not have ("Cannot GET …"): the gateway has no vendor reads yet.
    const message = (body as ApiError | undefined)?.message;
    return typeof message === 'string' && message.startsWith('Cannot GET')
      ? { state: 'unavailable' }
      : { state: 'not_there' };
  }
  if (!response.ok) throw new ApiRequestError(response.status, body as ApiError | undefined);
  return { state: 'found', group: body as VendorGroupRecord };
}

export function useVendorGroup(vendor: Vendor, id: string | null) {
  return useQuery({
    queryKey: ['vendor-group', vendor, id],
    queryFn: () => fetchVendorGroup(vendor, id!),
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
  const current = read.data?.state === 'found' ? read.data.group : undefined;
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
  else if (read.data?.state === 'not_there')
    body = <Alert type="warning" showIcon title={t('record.notThere', { vendor: vendorName })} />;
  else if (read.data?.state === 'unavailable')
    body = <Typography.Text type="secondary">{t('record.unavailable', { vendor: vendorName })}</Typography.Text>;
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
