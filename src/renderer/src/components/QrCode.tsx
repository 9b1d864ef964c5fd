import { useEffect, useState } from 'react'

/**
 * Renders `text` as an SVG QR code inside an <img> (data: URL, allowed by the CSP). The encoder loads
 * on first use, keeping it out of the initial bundle.
 */
export function QrCode({ text, alt, testId }: { text: string; alt: string; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#111111', light: '#ffffff' } }))
      .then((svg) => {
        if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`)
      })
      .catch(() => {
        if (live) setSrc(null)
      })
    return () => {
      live = false
    }
  }, [text])
  if (!src) return <div className="qr qr-placeholder" aria-hidden="true" />
  return <img className="qr" src={src} alt={alt} width={176} height={176} data-testid={testId} />
}
