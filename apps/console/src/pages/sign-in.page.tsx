import { Alert, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { signIn } from '../auth/api-token';
import { type Language, setLanguage } from '../i18n/i18n';

/**
 * Sign-in with the gateway's API token. The token is tried once against the API before it is kept, so a typo is
 * reported here rather than as a 401 on the first page.
 */
export function SignInPage() {
  const { t, i18n } = useTranslation('signIn');
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit({ token }: { token: string }) {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/v1/runs?limit=1', { headers: { Authorization: `Bearer ${token.trim()}` } });
      if (response.status === 401) {
        setError(t('rejected'));
        return;
      }
      if (!response.ok) {
        setError(t('unreachable', { message: `HTTP ${response.status}` }));
        return;
      }
      signIn(token.trim());
      void navigate('/runs', { replace: true });
    } catch (failure) {
      setError(t('unreachable', { message: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 24 }}>
      <Card style={{ width: 440, maxWidth: '100%' }}>
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('heading')}
          </Typography.Title>
          <Segmented<Language>
            aria-label={t('common:language')}
            value={i18n.language === 'en' ? 'en' : 'zh'}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'English', value: 'en' },
            ]}
            onChange={setLanguage}
          />
          <Form layout="vertical" onFinish={(values: { token: string }) => void submit(values)} requiredMark={false}>
            <Form.Item
              label={t('tokenLabel')}
              name="token"
              extra={t('tokenHelp')}
              rules={[{ required: true, whitespace: true, message: t('tokenRequired') }]}
            >
              <Input.Password autoComplete="current-password" autoFocus />
            </Form.Item>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
            <Button type="primary" htmlType="submit" loading={busy} block>
              {t('submit')}
            </Button>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
