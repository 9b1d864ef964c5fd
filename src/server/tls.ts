// HTTPS for the local license server: a throwaway certificate authority made at start (or the files the
// user gives), and a server certificate it signs for the host names in use. selfsigned (over
// @peculiar/x509) makes the certificates; nothing here is used by the core or the app.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TlsMaterial {
  /** PEM of the server certificate and its key, for https.createServer. */
  cert: string
  key: string
  /** PEM of the authority that signed it: what a client must trust. */
  caCert: string
}

export interface CertificateAuthority {
  cert: string
  key: string
}

/** A new certificate authority, valid for `days` (default 2): for tests and the demo only. */
export async function createThrowawayCa(name = 'License Desk local test CA', days = 2): Promise<CertificateAuthority> {
  const selfsigned = (await import('selfsigned')).default
  const notBeforeDate = new Date(Date.now() - 60_000)
  const ca = await selfsigned.generate(
    [
      { name: 'commonName', value: name },
      { name: 'organizationName', value: 'License Desk (throwaway)' }
    ],
    {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate: new Date(notBeforeDate.getTime() + days * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      ]
    }
  )
  return { cert: ca.cert, key: ca.private }
}

/** A server certificate signed by `ca` for localhost, 127.0.0.1, ::1 and the given host. */
export async function issueServerCertificate(ca: CertificateAuthority, host = '127.0.0.1', days = 2): Promise<TlsMaterial> {
  const selfsigned = (await import('selfsigned')).default
  const names = new Set(['localhost', host])
  const altNames = [...names].filter((n) => !/^[\d.]+$|:/.test(n)).map((value) => ({ type: 2 as const, value }))
  const ips = new Set(['127.0.0.1', '::1', ...[host].filter((n) => /^[\d.]+$|:/.test(n))])
  const notBeforeDate = new Date(Date.now() - 60_000)
  const leaf = await selfsigned.generate([{ name: 'commonName', value: host }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + days * 86_400_000),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...altNames, ...[...ips].map((ip) => ({ type: 7 as const, ip }))] }
    ]
  })
  return { cert: leaf.cert, key: leaf.private, caCert: ca.cert }
}

/**
 * TLS for `npm run server -- --tls`: from the given files (server cert + key, optionally the CA to print),
 * else a throwaway CA whose certificate is written to a new temporary folder.
 */
export async function serverTls(opts: { host: string; certFile?: string; keyFile?: string; caFile?: string }): Promise<TlsMaterial & { caPath?: string; cleanup(): void }> {
  if (opts.certFile || opts.keyFile) {
    if (!opts.certFile || !opts.keyFile) throw new Error('--tls-cert and --tls-key go together')
    const cert = readFileSync(opts.certFile, 'utf8')
    return { cert, key: readFileSync(opts.keyFile, 'utf8'), caCert: opts.caFile ? readFileSync(opts.caFile, 'utf8') : cert, caPath: opts.caFile, cleanup: () => {} }
  }
  const ca = await createThrowawayCa()
  const material = await issueServerCertificate(ca, opts.host)
  const dir = mkdtempSync(join(tmpdir(), 'license-desk-ca-'))
  const caPath = join(dir, 'ca.pem')
  writeFileSync(caPath, ca.cert, { mode: 0o644 })
  // the throwaway CA is worth nothing once the server stops: its folder goes with it
  return { ...material, caPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}
