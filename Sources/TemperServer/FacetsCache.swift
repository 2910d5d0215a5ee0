import Foundation
import TemperStore

/// The queue's filter menus, read from the store at most once per `lifetime`: the distinct teams,
/// agents, channels and reasons of 100,000 conversations take the store tens of milliseconds,
/// every queue page needs them, and they change only when `temper ingest` runs. A value missing
/// from a stale menu is still shown when selected (`QueuePageView`). Concurrent requests share
/// one read.
actor FacetsCache {
    private let lifetime: Duration
    private let clock = ContinuousClock()
    private var cached: (facets: QueueFacets, at: ContinuousClock.Instant)?
    private var reading: Task<QueueFacets, any Error>?

    init(lifetime: Duration = .seconds(30)) { self.lifetime = lifetime }

    func facets(from store: any WorkspaceStore) async throws -> QueueFacets {
        if let cached, clock.now - cached.at < lifetime { return cached.facets }
        if let reading { return try await reading.value }
        let task = Task { try await store.facets() }
        reading = task
        defer { reading = nil }
        let facets = try await task.value
        cached = (facets, clock.now)
        return facets
    }
}
