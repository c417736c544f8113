import { useEffect } from 'react'
import { Credentials } from './components/Credentials'
import { Home } from './components/Home'
import { ImportPreview } from './components/ImportPreview'
import { PlanView } from './components/PlanView'
import { useCredentials } from './credentials-store'
import { useApp } from './store'
import { subscribeToMain } from './subscriptions'
import { Toasts } from './ui/Toasts'

export function App() {
  const { plan, failure, loadTemplates, loadRecent, importing, importId, closeImport } = useApp()
  const credentialsOpen = useCredentials((s) => s.open)
  useEffect(() => subscribeToMain(), [])
  useEffect(() => {
    void loadTemplates()
    void loadRecent()
  }, [loadTemplates, loadRecent])
  return (
    <>
      {failure && (
        <div className="failure" role="alert">
          {failure}
        </div>
      )}
      {credentialsOpen ? (
        <Credentials />
      ) : importing ? (
        // A checklist's import preview shows over home or the open plan (the menu works on both).
        <ImportPreview key={importId} source={importing} onClose={closeImport} />
      ) : plan ? (
        <PlanView loaded={plan} />
      ) : (
        <Home />
      )}
      <Toasts />
    </>
  )
}
