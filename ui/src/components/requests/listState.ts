// 依申请公开's shared state: the ledger's options (statuses, applicant types, channels, number
// pattern), the filter and the page of rows it gives, and the years; provided by the page to its
// list, registration form, import and export, which reload the list after a change.
import { reactive, ref } from 'vue'
import { api } from '../../api'
import { pageState } from '../../pageState'
import type { RequestFilter, RequestOptions, RequestPage } from '../../bindings'
import { LINGERING, showError } from '../../errors'

function createRequestList() {
  const options = ref<RequestOptions | null>(null)
  const page = ref<RequestPage>({ rows: [], total: 0, page: 1, page_size: 20 })
  const loading = ref(false)
  const filter = reactive<RequestFilter>({
    query: '',
    status: null,
    applicant_type: null,
    year: null,
    due: null,
    sort: 'received',
    descending: true,
    page: 1,
    page_size: 20,
  })
  /** Years requests were received in, from the ledger (imported ledgers reach back years). */
  const years = ref<number[]>([])

  async function loadYears() {
    try {
      years.value = await api.requestYears()
    } catch (e) {
      showError(e, LINGERING)
    }
  }

  async function load() {
    loading.value = true
    try {
      page.value = await api.requestList({ ...filter })
    } catch (e) {
      showError(e, LINGERING)
    } finally {
      loading.value = false
    }
  }

  async function loadOptions() {
    try {
      options.value = await api.requestOptions()
    } catch (e) {
      showError(e, LINGERING)
    }
  }

  /** The rows and the years: after a registration or an import, a year may be new. */
  function loadAll() {
    return Promise.all([load(), loadYears()])
  }

  return { options, page, loading, filter, years, load, loadOptions, loadAll }
}

export const [provideRequestList, useRequestList] = pageState('依申请公开', createRequestList)
