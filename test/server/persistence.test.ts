import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { spawn } from 'node:child_process'
import { startServer } from '../../src/server/index'
import { call } from '../support/server'

const dir = mkdtempSync(join(tmpdir(), 'ld-server-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('persistence', () => {
  it('keeps state in --data across restarts, written atomically', async () => {
    const dataFile = join(dir, 'state', 'server.json')
    const a = await startServer({ dataFile })
    expect((await call(a.url, 'POST', '/api/v4/activate_license', { hardware_id: 'hw-keep', product: 'studio', license_key: 'DEMO-STUD-IO00-0001' })).status).toBe(200)
    await a.close()
    expect(readdirSync(join(dir, 'state'))).toEqual(['server.json'])
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).licensespring.licenses[0].devices[0].hardwareId).toBe('hw-keep')
    const b = await startServer({ dataFile })
    try {
      expect(b.state.devices('DEMO-STUD-IO00-0001')).toEqual(['hw-keep'])
    } finally {
      await b.close()
    }
  })

  it('accepts a custom seed', async () => {
    const s = await startServer({
      seed: {
        licensespring: { apiKeys: [{ apiKey: 'k', sharedKey: 's' }], products: [{ shortCode: 'p', name: 'P', authorizationMethod: 'license-key' }], licenses: [] },
        qlm: {
          vendor: 'v',
          user: 'u',
          password: 'p',
          communicationEncryptionKey: '{X}',
          releaseLicenseRequiresAuthentication: false,
          releaseLicenseRequiresVerificationCode: true,
          licenses: []
        }
      }
    })
    try {
      expect(s.state.snapshot().licensespring.products[0].shortCode).toBe('p')
    } finally {
      await s.close()
    }
  })
})

describe('command line entry', () => {
  it('builds, prints its URL, serves, and stops on SIGTERM', async () => {
    const root = resolve(__dirname, '../..')
    const out = join(dir, 'build')
    const { build } = await import('vite')
    await build({
      configFile: false,
      logLevel: 'silent',
      root,
      resolve: { alias: { '@shared': join(root, 'src/shared') } },
      build: {
        ssr: true,
        target: 'node20',
        outDir: out,
        emptyOutDir: true,
        minify: false,
        rollupOptions: { input: { server: join(root, 'src/server/main.ts') }, output: { format: 'cjs', entryFileNames: '[name].js' } }
      },
      ssr: { noExternal: true }
    })
    const child = spawn(process.execPath, [join(out, 'server.js'), '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const url = await new Promise<string>((res, rej) => {
        let buf = ''
        child.stdout.on('data', (c: Buffer) => {
          buf += c.toString()
          const line = buf.split('\n')[0]
          if (buf.includes('\n')) res(line.trim())
        })
        child.on('exit', (code) => rej(new Error(`exited ${code}`)))
      })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true })
      const code = await new Promise<number | null>((res) => {
        child.on('exit', (c) => res(c))
        child.kill('SIGTERM')
      })
      expect(code).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })
})
