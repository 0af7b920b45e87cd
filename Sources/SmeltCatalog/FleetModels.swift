import SmeltIR

/// Two more reference shapes for the example fleet (seeded random weights, like
/// `ReferenceModels` in SmeltTargets): models whose inputs come from several sensors.
public enum FleetModels {
    /// Names accepted by `model(named:)`.
    public static let names = ["presence", "gesture"]

    public static func model(named name: String) throws -> Graph? {
        switch name {
        case "presence": return try presence()
        case "gesture": return try gesture()
        default: return nil
        }
    }

    /// Smart-building presence: CO2, temperature, humidity, light → 16 ReLU → 2 (absent, present), softmax.
    /// Sensors in metadata: co2=partsPerMillion, thermometer=degreeCelsius, hygrometer=percent, light=lux.
    public static func presence(seed: UInt64 = 3) throws -> Graph {
        var b = GraphBuilder(name: "presence", input: [4], seed: seed)
        b.setMetadata("task", "classification")
        b.setMetadata("classes", "absent,present")
        b.setMetadata("sensors", "co2=partsPerMillion,thermometer=degreeCelsius,hygrometer=percent,light=lux")
        var x = b.dense(b.input, units: 16, activation: .relu, name: "fc1")
        x = b.dense(x, units: 2, name: "head")
        x = b.softmax(x, name: "softmax")
        return try b.finish(outputs: [x])
    }

    /// Gesture recognition from an IMU: 32 time steps × (3-axis accelerometer + 3-axis gyroscope)
    /// as [32, 6, 1]; conv 5×3 → 16, ReLU; max-pool 2; conv 3×3 → 32, ReLU; global average pool; dense 5; softmax.
    public static func gesture(seed: UInt64 = 4) throws -> Graph {
        var b = GraphBuilder(name: "gesture", input: [32, 6, 1], seed: seed)
        b.setMetadata("task", "classification")
        b.setMetadata("classes", "idle,wave,circle,punch,flex")
        b.setMetadata("sensors", "accelerometer=metrePerSecond-TimeSquared,gyroscope=radianPerSecond-Time")
        var x = b.conv2d(b.input, filters: 16, kernel: (5, 3), padding: .same, activation: .relu, name: "conv1")
        x = b.maxPool2d(x, size: 2, name: "pool1")
        x = b.conv2d(x, filters: 32, kernel: (3, 3), padding: .same, activation: .relu, name: "conv2")
        x = b.globalAveragePool(x, name: "gap")
        x = b.dense(x, units: 5, name: "fc")
        x = b.softmax(x, name: "softmax")
        return try b.finish(outputs: [x])
    }
}
