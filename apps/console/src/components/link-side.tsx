import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** One side of a link (or of a conflict): the name HR gave it, with its vendor id beneath. */
export function LinkSide({ name, id }: { name: string | null; id: string | null }) {
  const { t } = useTranslation('links');
  if (id === null && name === null) return <Typography.Text type="secondary">{t('none')}</Typography.Text>;
  return (
    <div>
      <div>{name ?? t('none')}</div>
      {id !== null && (
        <Typography.Text type="secondary" copyable={{ text: id }} style={{ fontSize: 12 }}>
          {t('id', { id })}
        </Typography.Text>
      )}
    </div>
  );
}
