import { useEffect } from 'react'
import { Credentials } from './components/Credentials'
import { Home } from './components/Home'
import { PlanView } from './components/PlanView'
import { useCredentials } from './credentials-store'
import { useApp } from './store'

export function App() {
  const { plan, failure, loadTemplates } = useApp()
  const credentialsOpen = useCredentials((s) => s.open)
  useEffect(() => {
    void loadTemplates()
  }, [loadTemplates])
  return (
    <>
      {failure && (
        <div className="failure" role="alert">
          {failure}
        </div>
      )}
      {credentialsOpen ? <Credentials /> : plan ? <PlanView loaded={plan} /> : <Home />}
    </>
  )
}
