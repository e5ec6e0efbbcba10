import { Button, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { apiToken, signOut } from '../auth/api-token';
import { type Language, setLanguage } from '../i18n/i18n';

const SECTIONS = ['runs', 'preview', 'links', 'conflicts', 'mappings', 'matches'] as const;

/** The shell: navigation, language switch and sign-out around the page; no page without a token. */
export function ConsoleLayout() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  if (apiToken() === null) return <Navigate to="/sign-in" replace />;
  const section = SECTIONS.find((name) => location.pathname.startsWith(`/${name}`)) ?? 'runs';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('title')}
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          aria-label={t('title')}
          selectedKeys={[section]}
          style={{ flex: 1, minWidth: 0 }}
          items={SECTIONS.map((name) => ({ key: name, label: t(`nav.${name}`) }))}
          onClick={({ key }) => void navigate(`/${key}`)}
        />
        <Space>
          <Segmented<Language>
            aria-label={t('language')}
            value={i18n.language === 'en' ? 'en' : 'zh'}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'English', value: 'en' },
            ]}
            onChange={setLanguage}
          />
          <Button onClick={signOut}>{t('signOut')}</Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1440, width: '100%', margin: '0 auto' }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
