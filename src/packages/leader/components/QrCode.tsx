/**
 * A QR code drawn from text with qrcode-generator (pure JS, no canvas): a GIF data URL shown by
 * <Image>, which both the mini-program and H5 display. Lives in the leader subpackage, so the
 * generator never weighs on the main package.
 */
import { Image } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

interface Props {
  text: string;
  /** What a screen reader says. */
  label: string;
  className?: string;
}

export function QrCode({ text, label, className }: Props) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    // 8 px per module plus a 4-module quiet zone; the image is scaled by CSS.
    return qr.createDataURL(8, 32);
  }, [text]);
  return <Image className={className} src={src} mode='aspectFit' ariaLabel={label} showMenuByLongpress={false} />;
}
