// @element-plus/icons-vue ships all its icons in one module (dist/index.js). The bundler keeps only
// the icons used, but keeps them all in one module, so every icon any page or Element Plus component
// uses ended up in the entry chunk (issue 22, point 4). Here that file becomes a facade that
// re-exports one module per icon, cut from that same file: each icon goes to the chunk of the pages
// that show it. Build only (the dev server and Vitest use the package as it is).
import type { Plugin } from 'vite'

const PACKAGE = '@element-plus/icons-vue'
const FILE = /\/@element-plus\/icons-vue\/dist\/index\.js$/
const ICON = '\0gongkai-icons/icon-'

/** Icon name (as exported) → its module's code, or null when the file is not laid out as expected. */
function splitIcons(code: string): Map<string, string> | null {
  const blocks = code.split('\n// src/components/').slice(1)
  const last = blocks.length - 1
  const exportAt = last >= 0 ? blocks[last].indexOf('\nexport {') : -1
  if (exportAt < 0) return null
  const exportList = blocks[last].slice(exportAt)
  blocks[last] = blocks[last].slice(0, exportAt)
  const byLocal = new Map<string, string>()
  for (const block of blocks) {
    const local = /\}\), (\w+_default) = _sfc_main\d*;\s*$/.exec(block)?.[1]
    if (!local) return null
    // The first line is the file name of the comment the split cut.
    byLocal.set(local, `${block.slice(block.indexOf('\n') + 1)}\nexport default ${local};\n`)
  }
  const icons = new Map<string, string>()
  for (const [, local, name] of exportList.matchAll(/(\w+_default) as (\w+)/g)) {
    const module = byLocal.get(local)
    if (!module) return null
    icons.set(name, module)
  }
  return icons.size === byLocal.size ? icons : null
}

export function iconsOnDemand(): Plugin {
  const icons = new Map<string, string>()
  return {
    name: 'gongkai-icons-on-demand',
    apply: 'build',
    transform(code, id) {
      if (!FILE.test(id)) return null
      const split = splitIcons(code)
      if (!split) {
        this.warn(`${PACKAGE} 的 dist/index.js 格式已变化：图标仍整体打包（首屏脚本会变大）`)
        return null
      }
      split.forEach((module, name) => icons.set(name, module))
      return { code: [...split.keys()].map((n) => `export { default as ${n} } from '${ICON}${n}';`).join('\n'), map: null }
    },
    resolveId(source) {
      return source.startsWith(ICON) ? source : null
    },
    load(id) {
      return id.startsWith(ICON) ? (icons.get(id.slice(ICON.length)) ?? null) : null
    },
  }
}
