// A proper button that copies a text (a link) for pasting into Zalo or a message: big enough
// to tap on a phone (antd's copy icon is 13×15 px), saying what it copies.
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/i18n.ts';
import { showSuccess, showWarning } from '../lib/notify.ts';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Over plain http or in an old browser: the selection way.
    const box = document.createElement('textarea');
    box.value = text;
    box.setAttribute('readonly', '');
    box.style.position = 'fixed';
    box.style.opacity = '0';
    document.body.appendChild(box);
    box.select();
    const ok = document.execCommand('copy');
    box.remove();
    return ok;
  }
}

export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const t = useT();
  const [done, setDone] = useState(false);
  return (
    <Button
      size="large"
      icon={done ? <CheckOutlined /> : <CopyOutlined />}
      style={{ minHeight: 44 }}
      onClick={async () => {
        if (await copyText(text)) {
          setDone(true);
          showSuccess(t('common.copied'));
          window.setTimeout(() => setDone(false), 3000);
        } else showWarning(t('common.copyFailed'));
      }}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}
