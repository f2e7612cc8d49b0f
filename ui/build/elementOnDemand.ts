// Element Plus on demand, without a plugin from the registry (issue 22, point 4): every compiled
// .vue module that resolves an `el-…` component or the `v-loading` directive by name at run time
// imports exactly that component from element-plus instead, so the bundler keeps only the
// components a page uses, in that page's chunk. What unplugin-vue-components' ElementPlusResolver
// does, in a few lines. The theme's CSS stays one global file (ui/src/main.ts).
import type { Plugin } from 'vite'

const pascal = (kebab: string) => kebab.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase())

export function elementPlusOnDemand(): Plugin {
  return {
    name: 'gongkai-element-plus-on-demand',
    enforce: 'post',
    transform(code, id) {
      if (!/\.vue($|\?)/.test(id) || !/_resolve(Component|Directive)\("(el-|loading")/.test(code)) return null
      const names = new Set<string>()
      let out = code.replace(/_resolveComponent\("(el-[a-z0-9-]+)"\)/g, (_, tag: string) => {
        const name = `El${pascal(tag.slice(3))}`
        names.add(name)
        return `__${name}`
      })
      out = out.replace(/_resolveDirective\("loading"\)/g, () => {
        names.add('vLoading')
        return '__vLoading'
      })
      const imports = [...names].map((n) => `${n} as __${n}`).join(', ')
      return { code: `import { ${imports} } from 'element-plus';\n${out}`, map: null }
    },
  }
}
