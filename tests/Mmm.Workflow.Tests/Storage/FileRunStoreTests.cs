using System.Text;
using Mmm.Workflow.Storage;

namespace Mmm.Workflow.Tests.Storage;

public class FileRunStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"mmm-store-{Guid.NewGuid():N}");
    private readonly FileRunStore _store = new();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task An_absolute_path_and_its_file_uri_name_the_same_file_and_folders_are_created()
    {
        var path = Path.Combine(_root, "a b", "out.txt");
        await _store.WriteAsync(path, Text("one"));

        Assert.Equal("one", await _store.ReadTextIfExistsAsync(new Uri(path).AbsoluteUri));
        Assert.True(await _store.ExistsAsync(new Uri(path).AbsoluteUri));
        using var reader = new StreamReader(await _store.ReadAsync(path));
        Assert.Equal("one", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task A_relative_path_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.WriteAsync(Path.Combine("relative", "out.txt"), Text("x")));
    }

    [Fact]
    public async Task A_write_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_root, "out.txt");
        await _store.WriteAsync(path, Text("a longer first version"));
        await _store.WriteAsync(path, Text("second"));

        Assert.Equal("second", await File.ReadAllTextAsync(path));
        Assert.Equal(["out.txt"], Directory.GetFiles(_root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Absent_files_read_as_absent()
    {
        var path = Path.Combine(_root, "missing", "x.bin");
        await Assert.ThrowsAsync<FileNotFoundException>(() => _store.ReadAsync(path));
        Assert.Null(await _store.ReadTextIfExistsAsync(path));
        Assert.Null(await _store.ReadIfMatchAsync(path, etag: null));
        Assert.False(await _store.ExistsAsync(path));
        await _store.DeleteIfExistsAsync(path);
        await _store.DeleteFolderAsync(Path.Combine(_root, "missing"));
    }

    [Fact]
    public async Task Files_have_no_etag_to_read_on()
    {
        var path = Path.Combine(_root, "in.parquet");
        await _store.WriteAsync(path, Text("x"));
        await Assert.ThrowsAsync<NotSupportedException>(() => _store.ReadIfMatchAsync(path, "\"0x8DC\""));
    }

    [Fact]
    public async Task Delete_folder_removes_everything_under_it()
    {
        await _store.WriteAsync(Path.Combine(_root, "work", "run", "checkpoint.bin"), Text("x"));
        await _store.WriteAsync(Path.Combine(_root, "keep.txt"), Text("y"));
        await _store.DeleteFolderAsync(Path.Combine(_root, "work"));

        Assert.False(Directory.Exists(Path.Combine(_root, "work")));
        Assert.True(File.Exists(Path.Combine(_root, "keep.txt")));
    }
}
