import { Alert, Button } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/** A list that could not be loaded: what failed, the gateway's reason, and a retry (every page's list has one). */
export function LoadFailedAlert({
  title,
  error,
  onRetry,
  style,
}: {
  title: string;
  error: Error;
  onRetry: () => void;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      {...(style ? { style } : {})}
      title={title}
      description={error.message}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common:retry')}
        </Button>
      }
    />
  );
}
