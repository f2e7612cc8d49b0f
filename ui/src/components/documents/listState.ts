// 文件台账's shared state: the filter, the page of rows it gives and the filter options, provided by
// the page to its list, form, drawer and import, which all reload the list after a change.
import { computed, reactive, ref } from 'vue'
import { api } from '../../api'
import { pageState } from '../../pageState'
import type { Department, Document, DocumentFilter } from '../../bindings'
import { emptyFilter } from '../../documents'
import { errorText } from '../../errors'

function createDocumentList() {
  const filter = reactive<DocumentFilter>(emptyFilter())
  const rows = ref<Document[]>([])
  const total = ref(0)
  // A search counts up to a thousand matches; beyond, `total` is a lower bound (shown "1,000+").
  const totalCapped = ref(false)
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
      totalCapped.value = page.total_capped
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

  return { filter, rows, total, totalCapped, loading, loadError, years, departments, activeDepartments, organName, load, loadAll }
}

export const [provideDocumentList, useDocumentList] = pageState('文件台账', createDocumentList)
