import Foundation
import SmeltIR

extension Catalog {
    /// The embedded default catalog (a read-only bundle copy of Examples/fleet; a test keeps them equal).
    public static func embeddedDirectory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "DefaultCatalog", withExtension: nil) else {
            throw SmeltError("SmeltCatalog resources: the DefaultCatalog folder is missing from the bundle")
        }
        return url
    }
}
