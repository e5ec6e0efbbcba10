import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ItemSide } from '../pages/runs-model';

/**
 * One side of a run item, named with its vendor ("飞书考勤组 研发固定班" / "企业微信规则 12"), linking to where
 * that id is managed: the links page for groups and rules, the mappings page for people.
 */
export function RunRecord({ side, role }: { side: ItemSide; role: 'source' | 'target' }) {
  const { t } = useTranslation('runDetail');
  const kind =
    side.vendor && side.kind
      ? t(`record.${side.vendor}.${side.kind}`)
      : t(role === 'source' ? 'record.source' : 'record.target');
  if (side.id === null) {
    return (
      <div>
        <Typography.Text type="secondary">{kind}</Typography.Text>
        <div>
          <Typography.Text type="secondary">{t('record.none')}</Typography.Text>
        </div>
      </div>
    );
  }
  const page = side.kind === 'person' ? 'mappings' : 'links';
  const label = side.name ?? side.id;
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text type="secondary">{kind}</Typography.Text>
      <div>
        <Link
          to={`/${page}?q=${encodeURIComponent(side.id)}`}
          aria-label={t(page === 'links' ? 'record.openLinks' : 'record.openMappings', {
            kind,
            name: side.name ? `${side.name} ` : '',
            id: side.id,
          })}
          style={{ wordBreak: 'break-all' }}
        >
          {label}
        </Link>
      </div>
      {side.name && (
        <Typography.Text type="secondary" copyable={{ text: side.id }} style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {side.id}
        </Typography.Text>
      )}
    </div>
  );
}
