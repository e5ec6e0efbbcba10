import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Select, Spin, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../hooks/use-debounced';
import { errorMessages, listVendorGroups, type Vendor, type VendorGroup } from '../pages/preview-api';

/** How many matches the list shows at once; a longer list asks for a more precise search. */
const PAGE_SIZE = 50;

/**
 * The source vendor's groups (Feishu attendance groups or WeCom checkin rules), searched on the gateway by name
 * or id, chosen several at once; each shows its name and id. The chosen groups keep their names while the
 * search changes the list.
 */
export function PreviewGroupPicker(props: {
  readonly id: string;
  readonly vendor: Vendor;
  readonly value: readonly VendorGroup[];
  readonly onChange: (groups: VendorGroup[]) => void;
  readonly invalid?: boolean;
}): ReactNode {
  const { t } = useTranslation('preview');
  const [search, setSearch] = useState('');
  const query = useDebounced(search, 250);
  const groups = useQuery({
    queryKey: ['vendor-groups', props.vendor, query],
    queryFn: () => listVendorGroups(props.vendor, query, PAGE_SIZE),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const vendorName = t(`common:vendor.${props.vendor}`);
  const label = (group: VendorGroup) => `${group.name} (${group.id})`;
  const listed = groups.data?.groups ?? [];
  const options = [
    // The chosen ones first, so a search that no longer lists them does not drop them.
    ...props.value.filter((chosen) => !listed.some((group) => group.id === chosen.id)),
    ...listed,
  ].map((group) => ({ value: group.id, label: label(group), group }));

  return (
    <>
      <Select<string[]>
        id={props.id}
        mode="multiple"
        status={props.invalid ? 'error' : undefined}
        style={{ width: '100%' }}
        placeholder={t('groupsPlaceholder')}
        value={props.value.map((group) => group.id)}
        options={options}
        showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search, autoClearSearchValue: false }}
        loading={groups.isFetching}
        notFoundContent={groups.isFetching ? <Spin size="small" /> : t('noGroups')}
        onChange={(ids) =>
          props.onChange(ids.map((id) => options.find((option) => option.value === id)?.group ?? { id, name: id }))
        }
        popupRender={(menu) => (
          <>
            {menu}
            {groups.data && groups.data.total > groups.data.groups.length && (
              <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px' }}>
                {t('groupsMore', { total: groups.data.total, shown: groups.data.groups.length })}
              </Typography.Text>
            )}
          </>
        )}
      />
      {groups.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 8 }}
          title={t('groupsFailed', { vendor: vendorName, message: errorMessages(groups.error).join('; ') })}
        />
      )}
    </>
  );
}
