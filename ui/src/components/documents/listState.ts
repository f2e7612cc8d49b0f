// 文件台账's shared state: the filter, the page of rows it gives and the filter options, provided by
// the page to its list, form, drawer and import, which all reload the list after a change.
import { computed, inject, provide, reactive, ref, type InjectionKey } from 'vue'
import { api } from '../../api'
import type { Department, Document, DocumentFilter } from '../../bindings'
import { emptyFilter } from '../../documents'
import { errorText } from '../../errors'

function createDocumentList() {
  const filter = reactive<DocumentFilter>(emptyFilter())
  const rows = ref<Document[]>([])
  const total = ref(0)
  const loading = ref(false)
  const loadError = ref('')
  const years = ref<number[]>([])
  const departments = ref<Department[]>([])
  const organName = ref('')
  const activeDepartments = computed(() => departments.value.filter((d) => !d.retired))

  async function load() {
    loading.value = true
    try {
      const page = await api.documentsList({ ...filter })
      rows.value = page.rows
      total.value = page.total
      loadError.value = ''
    } catch (e) {
      loadError.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  async function loadOptions() {
    try {
      const [y, organ] = await Promise.all([api.documentsYears(), api.organSettings()])
      years.value = y
      departments.value = organ.departments
      organName.value = organ.organ_name
    } catch (e) {
      loadError.value = errorText(e)
    }
  }

  /** The rows and the options: after a document is added or changed, years and departments may be new. */
  function loadAll() {
    return Promise.all([load(), loadOptions()])
  }

  return { filter, rows, total, loading, loadError, years, departments, activeDepartments, organName, load, loadAll }
}

export type DocumentList = ReturnType<typeof createDocumentList>

const KEY: InjectionKey<DocumentList> = Symbol('document list')

/** Called by the page: creates the state and gives it to the components below. */
export function provideDocumentList(): DocumentList {
  const list = createDocumentList()
  provide(KEY, list)
  return list
}

/** Called by a part of the page: the page's state. */
export function useDocumentList(): DocumentList {
  const list = inject(KEY)
  if (!list) throw new Error('useDocumentList outside the 文件台账 page')
  return list
}
