import { Button } from 'antd';
import { useLang, useT } from '../i18n/i18n.ts';

/** Switches between Vietnamese and English; the label names the language it switches to. */
export function LangSwitch({ dark }: { dark?: boolean }) {
  const [lang, setLang] = useLang();
  const t = useT();
  return (
    <Button
      size="small"
      ghost={dark}
      // On the dark red header antd's hover colour (a red) would hide the label; a tap leaves phones "hovering".
      style={dark ? { color: '#fff', borderColor: '#fff' } : undefined}
      onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
      data-testid="lang-switch"
      aria-label={t('lang.switchLabel')}
    >
      {t('lang.switchTo')}
    </Button>
  );
}
