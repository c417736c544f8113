import { useEffect } from 'react'
import { Home } from './components/Home'
import { PlanView } from './components/PlanView'
import { useApp } from './store'

export function App() {
  const { plan, failure, loadTemplates } = useApp()
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
      {plan ? <PlanView loaded={plan} /> : <Home />}
    </>
  )
}
