import { chromium } from '@playwright/test'
import { createServer } from 'node:http'
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--headless','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] })
b.on('disconnected', () => console.log('browser disconnected'))
const server = createServer((q, r) => r.writeHead(200, {'content-type':'text/html'}).end('<h1>x</h1>'))
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const c = await b.newContext({ colorScheme: 'light' })
const p = await c.newPage()
p.on('crash', () => console.log('page crash'))
p.on('close', () => console.log('page close'))
try { await p.goto(`http://127.0.0.1:${server.address().port}/`); console.log('ok http') } catch (e) { console.log('FAIL', e.message.split('\n')[0]) }
await b.close(); server.close()
