import SmeltCLI
import Foundation

exit(SmeltCLI.main(Array(CommandLine.arguments.dropFirst())))
