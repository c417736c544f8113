import { useEffect } from 'react'
import { Credentials } from './components/Credentials'
import { Home } from './components/Home'
import { PlanView } from './components/PlanView'
import { useCredentials } from './credentials-store'
import { useApp } from './store'
import { subscribeToMain } from './subscriptions'
import { Toasts } from './ui/Toasts'

export function App() {
  const { plan, failure, loadTemplates, loadRecent } = useApp()
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
      {credentialsOpen ? <Credentials /> : plan ? <PlanView loaded={plan} /> : <Home />}
      <Toasts />
    </>
  )
}
