import GRDB
import GRDBSQLite

/// `temper_sample_rank(sample_key, seed)`: a conversation's place in the random sample of one
/// seed, as an SQL function, so the queue can order and page by it in SQL.
///
/// The rank is SplitMix64's finaliser over `sample_key XOR seed`: a bijective mix, so each seed
/// orders the conversations by an independent-looking random permutation, and every
/// conversation is equally likely to come first whatever the seed (`QueueQueryTests` checks it
/// with a χ² test). A cheaper order that an index could serve (the keys rotated, or XORed with
/// the seed) fails that test: a conversation's chance then depends on the gap before its key.
///
/// Written against SQLite's C API rather than as a GRDB `DatabaseFunction` because a page query
/// ranks every matching conversation; GRDB's wrapper allocates per call.
enum SampleRank {
    static let functionName = "temper_sample_rank"

    static func rank(key: Int64, seed: Int64) -> Int64 {
        var z = UInt64(bitPattern: key ^ seed)
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return Int64(bitPattern: z ^ (z >> 31))
    }

    static func register(_ db: Database) throws {
        let code = sqlite3_create_function_v2(
            db.sqliteConnection, functionName, 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
            { context, _, arguments in
                guard let arguments, let key = arguments[0], let seed = arguments[1] else { return }
                sqlite3_result_int64(context, SampleRank.rank(key: sqlite3_value_int64(key), seed: sqlite3_value_int64(seed)))
            }, nil, nil, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register \(functionName)")
        }
    }
}
