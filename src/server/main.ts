// CLI entry of the local license server (built to out/node/server.js):
//   node bin/license-desk-server.js [--port N] [--host H] [--data FILE] [--seed FILE] [--quiet] [--tls [--tls-cert F --tls-key F [--tls-ca F]]]
import { readFileSync } from 'node:fs'
import { startServer } from './index'
import { serverTls } from './tls'

function usage(): never {
  process.stderr.write(
    'usage: license-desk-server [--port N (4370)] [--host H (127.0.0.1)] [--data FILE] [--seed FILE (demo licenses)] [--seat KEY=ID]... [--quiet]\n' +
      '                           [--tls [--tls-cert FILE --tls-key FILE [--tls-ca FILE]]]\n' +
      '  --tls alone makes a throwaway certificate authority and prints the path of its certificate.\n'
  )
  process.exit(2)
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  let port = 4370
  let host = '127.0.0.1'
  let dataFile: string | undefined
  let seedFile: string | undefined
  let quiet = false
  const seats: Array<{ license: string; hardwareId: string }> = []
  let tls = false
  const tlsFiles: { certFile?: string; keyFile?: string; caFile?: string } = {}
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    const value = (): string => {
      const v = inline ?? args[++i]
      if (v === undefined) usage()
      return v
    }
    if (flag === '--port') {
      port = Number(value())
      if (!Number.isInteger(port) || port < 0 || port > 65535) usage()
    } else if (flag === '--host') host = value()
    else if (flag === '--data') dataFile = value()
    else if (flag === '--seed') seedFile = value()
    else if (flag === '--quiet') quiet = true
    else if (flag === '--seat') {
      // --seat KEY=ID: a seat taken by another program (the vendor's product) under that id.
      const v = value()
      const eq = v.indexOf('=')
      if (eq <= 0 || eq === v.length - 1) usage()
      seats.push({ license: v.slice(0, eq), hardwareId: v.slice(eq + 1) })
    } else if (flag === '--tls') tls = true
    else if (flag === '--tls-cert') tlsFiles.certFile = value()
    else if (flag === '--tls-key') tlsFiles.keyFile = value()
    else if (flag === '--tls-ca') tlsFiles.caFile = value()
    else if (flag === '--help' || flag === '-h') usage()
    else usage()
  }
  if (!tls && (tlsFiles.certFile || tlsFiles.keyFile || tlsFiles.caFile)) usage()
  const material = tls ? await serverTls({ host, ...tlsFiles }) : undefined
  const server = await startServer({
    port,
    host,
    dataFile,
    seats,
    ...(material ? { tls: { cert: material.cert, key: material.key } } : {}),
    ...(seedFile ? { seed: JSON.parse(readFileSync(seedFile, 'utf8')) } : {}),
    log: quiet ? undefined : (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`)
  })
  process.stdout.write(`${server.url}\n`)
  if (!quiet) {
    process.stderr.write(
      `License Desk local server listening on ${server.url}\n` +
        `  LicenseSpring API: ${server.url}/api/v4/   offline portal: ${server.url}/offline\n` +
        `  QLM service: ${server.url}/qlm/qlmservice.asmx/   self-help: ${server.url}/qlm/QlmReleaseLicense.aspx\n` +
        (dataFile ? `  state file: ${dataFile}\n` : '  state: in memory (use --data FILE to keep it)\n')
    )
  }
  // The CA path goes to stderr even with --quiet: a client needs it to trust this server.
  if (material?.caPath) process.stderr.write(`  CA certificate: ${material.caPath} (trust it with NODE_EXTRA_CA_CERTS=${material.caPath})\n`)
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    if (!quiet) process.stderr.write(`${signal}: stopping\n`)
    material?.cleanup()
    server.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException
  if (err.code === 'EADDRINUSE') process.stderr.write(`error: the port is already in use (${err.message})\n`)
  else process.stderr.write(`error: ${err.message ?? String(e)}\n`)
  process.exit(1)
})
